import Foundation

/// Band energy of a stretch of samples, from a radix-2 FFT: the check that a synthetic call is
/// really where its ground-truth box says.
enum SynthBandEnergy {
    /// Mean power per sample in `lowHz…highHz` of `samples[range]` (zero-padded to a power of
    /// two; Parseval-normalised by the stretch's length so stretches of any length compare).
    static func power(_ samples: [Float], range: Range<Int>, rate: Int, lowHz: Double, highHz: Double) -> Double {
        var n = 1
        while n < range.count { n *= 2 }
        var re = [Double](repeating: 0, count: n)
        var im = [Double](repeating: 0, count: n)
        for (k, i) in range.enumerated() { re[k] = Double(samples[i]) }
        fft(&re, &im)
        let binHz = Double(rate) / Double(n)
        let first = max(1, Int((lowHz / binHz).rounded(.up)))
        let last = min(n / 2 - 1, Int((highHz / binHz).rounded(.down)))
        guard first <= last else { return 0 }
        var sum = 0.0
        for k in first...last { sum += re[k] * re[k] + im[k] * im[k] }
        return 2 * sum / Double(n) / Double(range.count)
    }

    /// In-place iterative radix-2 Cooley–Tukey FFT (count must be a power of two).
    static func fft(_ re: inout [Double], _ im: inout [Double]) {
        let n = re.count
        var j = 0
        for i in 1..<n {
            var bit = n >> 1
            while j & bit != 0 { j ^= bit; bit >>= 1 }
            j |= bit
            if i < j { re.swapAt(i, j); im.swapAt(i, j) }
        }
        var length = 2
        while length <= n {
            let angle = -2 * Double.pi / Double(length)
            for start in stride(from: 0, to: n, by: length) {
                for k in 0..<(length / 2) {
                    let wr = cos(angle * Double(k))
                    let wi = sin(angle * Double(k))
                    let a = start + k
                    let b = a + length / 2
                    let tr = re[b] * wr - im[b] * wi
                    let ti = re[b] * wi + im[b] * wr
                    re[b] = re[a] - tr
                    im[b] = im[a] - ti
                    re[a] += tr
                    im[a] += ti
                }
            }
            length *= 2
        }
    }
}
