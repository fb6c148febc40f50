/// The offence categories declared by the loaded `categories` blocks, with their groups and codes.
///
/// Records refer to categories by index so scoring compares integers, not strings. Names and codes
/// are looked up by their exact UTF-8 bytes, as every identifier from data is (`ExactText`).
public struct CategoryTable: Sendable, Hashable {
    /// Category names in declaration order; an offence's `category` indexes this.
    public private(set) var names: [String] = []
    /// Group of each category (index into `groups`), if any.
    public private(set) var groupOf: [Int?] = []
    /// Group names in declaration order.
    public private(set) var groups: [String] = []
    /// Members of each group.
    public private(set) var members: [[Int]] = []
    private var indexByName: [ExactText: Int] = [:]
    private var groupByName: [ExactText: Int] = [:]
    private var categoryByCode: [ExactText: Int] = [:]

    public init() {}

    public func index(of name: String) -> Int? { indexByName[ExactText(name)] }

    /// Every offence code with its category index, each code once (by its bytes).
    var codeList: [(String, Int)] { categoryByCode.map { ($0.key.text, $0.value) } }

    /// The same table in storage of its own (no array or string shared with `self`).
    func copied() -> CategoryTable {
        var table = CategoryTable()
        func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
        for name in names { table.declare(fresh(name)) }
        for group in groups { table.declareGroup(fresh(group)) }
        for (group, list) in members.enumerated() { for category in list { table.assign(category, toGroup: group) } }
        for (code, category) in codeList { table.map(code: fresh(code), to: category) }
        return table
    }
    public func group(named name: String) -> Int? { groupByName[ExactText(name)] }
    public func category(forCode code: String) -> Int? { categoryByCode[ExactText(code)] }

    /// Declares a category (idempotent) and returns its index.
    @discardableResult
    public mutating func declare(_ name: String) -> Int {
        if let existing = indexByName[ExactText(name)] { return existing }
        names.append(name)
        groupOf.append(nil)
        indexByName[ExactText(name)] = names.count - 1
        return names.count - 1
    }

    /// Declares a group (idempotent) and returns its index.
    @discardableResult
    public mutating func declareGroup(_ name: String) -> Int {
        if let existing = groupByName[ExactText(name)] { return existing }
        groups.append(name)
        members.append([])
        groupByName[ExactText(name)] = groups.count - 1
        return groups.count - 1
    }

    /// Puts a category in a group; returns the group it was already in, if it was in another one.
    @discardableResult
    public mutating func assign(_ category: Int, toGroup group: Int) -> Int? {
        if let current = groupOf[category] { return current == group ? nil : current }
        groupOf[category] = group
        members[group].append(category)
        return nil
    }

    public mutating func map(code: String, to category: Int) { categoryByCode[ExactText(code)] = category }
}
