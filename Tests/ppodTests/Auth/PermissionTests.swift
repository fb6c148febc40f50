import Testing
@testable import ppod

/// The role table of docs/ppod.md, row by row.
@Suite struct PermissionTests {
    static let table: [(Permission, [Role])] = [
        (.service, [.analyst, .manager, .tasking, .admin]),
        (.scores, [.analyst, .manager, .admin]),
        (.tasking, [.manager, .tasking, .admin]),
        (.runs, [.manager, .admin]),
        (.administration, [.admin]),
    ]

    @Test(arguments: table)
    func eachPermissionAllowsExactlyItsRoles(_ row: (Permission, [Role])) {
        for role in Role.allCases {
            #expect(row.0.allows(role) == row.1.contains(role), "\(row.0) for \(role)")
        }
    }

    static let scopes: [(areas: [String]?, requested: String?, expected: String)] = [
        (nil, nil, "*"),
        (nil, "Southvale", "Southvale"),
        (nil, "*", "*"),
        (["Northtown"], nil, "Northtown"),
        (["Northtown"], "Northtown", "Northtown"),
        (["Northtown"], "Southvale", "forbidden-area"),
        (["Northtown"], "*", "forbidden-area"),
        (["Northtown", "Southvale"], nil, "area-required"),
        (["Northtown", "Southvale"], "Southvale", "Southvale"),
    ]

    @Test(arguments: scopes)
    func aRequestWorksOnOneScope(_ row: (areas: [String]?, requested: String?, expected: String)) {
        let caller = Caller(name: "t", role: .analyst, areas: row.areas)
        do {
            #expect(try caller.scope(requested: row.requested).description == row.expected)
        } catch let error as APIError {
            #expect(error.code == row.expected)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
