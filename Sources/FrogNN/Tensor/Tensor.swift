/// A contiguous, row-major Float32 array with a shape: NCHW for images, N×T×F for sequences.
public struct Tensor: Equatable, Sendable {
    /// Sizes of each dimension, outermost first.
    public var shape: [Int]
    /// Elements in row-major order; `data.count == shape.reduce(1, *)`.
    public var data: [Float]

    public init(shape: [Int], data: [Float]) {
        precondition(shape.reduce(1, *) == data.count,
                     "Tensor: shape \(shape) needs \(shape.reduce(1, *)) elements, got \(data.count)")
        self.shape = shape
        self.data = data
    }

    public init(zeros shape: [Int]) {
        self.init(repeating: 0, shape: shape)
    }

    public init(repeating value: Float, shape: [Int]) {
        self.shape = shape
        self.data = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// Number of elements.
    @inlinable public var count: Int { data.count }

    /// Number of dimensions.
    @inlinable public var rank: Int { shape.count }

    @inlinable public subscript(index: Int) -> Float {
        get { data[index] }
        set { data[index] = newValue }
    }

    /// The same elements viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, data: data)
    }

    /// Sets every element to zero, keeping the allocation.
    public mutating func zero() {
        data.withUnsafeMutableBufferPointer { buffer in
            buffer.update(repeating: 0)
        }
    }
}

extension Tensor {
    /// A tensor whose elements are unspecified until the caller writes them all (the layers'
    /// outputs: zero-filling a fresh batch-sized array costs as much as a pass of the kernel).
    static func uninitialized(_ shape: [Int]) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, data: [Float](unsafeUninitializedCapacity: count) { _, initialized in
            initialized = count
        })
    }
}
