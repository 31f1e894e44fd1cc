import Foundation
import FrogConfig

/// `--sweep key=v1,v2 …`: every combination of the listed values, as `--set` overrides.
public enum SweepGrid {
    /// One override list per grid point, in row-major order of the arguments.
    /// Values split on commas outside brackets, so `model.kernel_sizes=[5,3],[3]` has two.
    public static func combinations(_ arguments: [String]) throws -> [[String]] {
        var axes: [[String]] = []
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw ConfigError.malformedOverride(argument)
            }
            let key = String(argument[..<equals])
            let values = splitTopLevel(String(argument[argument.index(after: equals)...]))
            guard !values.isEmpty else { throw ConfigError.malformedOverride(argument) }
            axes.append(values.map { "\(key)=\($0)" })
        }
        return axes.reduce([[]]) { grid, axis in grid.flatMap { point in axis.map { point + [$0] } } }
    }

    private static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            default: break
            }
            if character == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
