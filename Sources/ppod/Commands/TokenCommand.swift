import ArgumentParser
import Foundation

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make a new bearer token and the line that grants it, for the token file.",
        discussion: """
            Prints the token once on standard output, and on standard error the line to append to the \
            token file. Only the salted hash is kept in the file: a lost token is replaced, not recovered.

            Example:
              ppod token --name northtown-tasking --role tasking --areas Northtown
            """
    )

    @Option(help: ArgumentHelp("The token's name, as the audit log records it.", valueName: "NAME"))
    var name: String

    @Option(help: ArgumentHelp("analyst, manager, tasking or admin.", valueName: "ROLE"))
    var role: String

    @Option(help: ArgumentHelp("Comma-separated areas the token sees, or * for every area.", valueName: "AREAS"))
    var areas: String

    func validate() throws {
        guard Role(rawValue: role) != nil else {
            throw ValidationError("unknown role '\(role)'; roles: analyst, manager, tasking, admin")
        }
        // Only what the token file can hold and read back the same is accepted.
        if let problem = TokenFile.problem(inName: name) { throw ValidationError("--name: \(problem)") }
        do {
            _ = try TokenFile.areas(areas)
        } catch {
            throw ValidationError("--areas is a comma-separated list of areas, or * alone for every area: \(error)")
        }
    }

    func run() throws {
        guard let role = Role(rawValue: role) else { throw ExitCode(2) }
        // nil grants every area; validate() has already refused what does not parse.
        let granted = try TokenFile.areas(areas)
        let token = "ppo_" + Self.randomHex(bytes: 32)
        let line = TokenFile.line(name: name, role: role, areas: granted, token: token, salt: Self.randomHex(bytes: 16))
        print(token)
        FileHandle.standardError.write(Data("add to the token file:\n\(line)\n".utf8))
    }

    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
