import PPOEngine

/// The area a page works on: `?area=` when given (and seen), else every area for a token holding
/// them all, else the token's first area. Unlike the API, a page never refuses for want of an area:
/// it shows the first and offers the others.
struct WebScope {
    let scope: DataScope
    /// The areas the caller may choose from; empty for a token holding every area.
    let choices: [Choice]
    let label: String

    struct Choice {
        let name: String
        let selected: Bool
    }

    init(caller: Caller, requested: String?) throws {
        if let requested {
            scope = try caller.scope(requested: requested)
        } else if let first = caller.areas?.first {
            scope = .area(first)
        } else {
            scope = .all
        }
        let chosen: String?
        if case .area(let name) = scope { chosen = name } else { chosen = nil }
        label = chosen ?? "every area"
        choices = (caller.areas ?? []).map { area in
            Choice(name: area, selected: chosen.map { ExactText.same(area, $0) } ?? false)
        }
    }

    /// The `area` query value that gives this scope back.
    var parameter: String? {
        if case .area(let name) = scope { return name }
        return nil
    }
}
