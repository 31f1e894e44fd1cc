import ArgumentParser
import Foundation
import FrogAudio
import FrogCore

extension Frogscan {
    /// `frogscan info FILE…`: what each recording's header says.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show format, sample rate, channels, frames and duration of recordings.",
            discussion: """
                A file that cannot be read is reported on stderr as 'frogscan: PATH: what is wrong'; \
                the others are still listed, and the exit code is then 2. A damaged file that can \
                still be analysed (truncated: the header promises more than the file holds) is \
                listed with what it holds and a warning on stderr naming the declared length.

                Examples:
                  frogscan info recordings/site1/20241001_190000.wav
                  frogscan info --csv recordings/*.flac > inventory.csv
                """)

        @Argument(help: "Recordings to describe.")
        var files: [String]

        @Flag(help: "Print CSV (file,format,subtype,rate,channels,frames,duration_s) instead of a table.")
        var csv = false

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one file") }
        }

        func run() throws {
            var rows: [AudioFileInfo] = []
            var failed = 0
            for path in files {
                do {
                    let inspected = try AudioFile.inspect(path: path)
                    rows.append(inspected.info)
                    for damage in inspected.damage {
                        FileHandle.standardError.write(Data("frogscan: warning: \(damage)\n".utf8))
                    }
                } catch {
                    failed += 1
                    let message = (error as? AudioError)?.description ?? "\(path): \(error)"
                    FileHandle.standardError.write(Data("frogscan: \(message)\n".utf8))
                }
            }
            print(csv ? InfoTable.csv(rows) : InfoTable.aligned(rows), terminator: "")
            if failed > 0 { throw PartialFailure(failed: failed) }
        }
    }
}

/// Renders `frogscan info` rows as an aligned table or as CSV.
enum InfoTable {
    static let header = ["file", "format", "subtype", "rate", "channels", "frames", "duration_s"]

    static func cells(_ info: AudioFileInfo) -> [String] {
        [info.path, info.format, info.subtype, String(info.sampleRate), String(info.channels),
         String(info.frames), String(format: "%.3f", info.duration)]
    }

    static func csv(_ rows: [AudioFileInfo]) -> String {
        ([header] + rows.map(cells)).map { $0.map(csvField).joined(separator: ",") + "\n" }.joined()
    }

    static func aligned(_ rows: [AudioFileInfo]) -> String {
        let table = [header] + rows.map(cells)
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { row in
            row.enumerated().map { column, cell in
                // Text left-aligned, numbers right-aligned.
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column < 3 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }.joined()
    }

    /// Quotes a field holding a comma, quote or newline (RFC 4180).
    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
