import ArgumentParser

/// The `frogscan` command line: one subcommand per task, each in its own file.
@main
struct Frogscan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frogscan",
        abstract: "Find frog calls in field recordings: spectrograms, training, detection, surveys.",
        version: "0.1.0",
        subcommands: [])
}
