import ArgumentParser

/// `ppod`: the daemon (`serve`, the default) and its token tool.
@main
struct PPOD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ppod",
        abstract: "Serve PPO rankings, Premium Service results and the day's alerts over HTTP.",
        discussion: "The contract of every endpoint is in docs/ppod.md.",
        subcommands: [ServeCommand.self, TokenCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
