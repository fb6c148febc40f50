import Foundation
import Testing
@testable import PPOEngine

/// `schema/offender.schema.json` and the field tables of docs/records.md name exactly the keys the
/// reader reads (`OffenderDecoder.Keys`, without which a key is never read), with the types the rules
/// see them as (`Schema`): neither can drift from the reader while this passes.
@Suite struct RecordSchemaTests {
    static let root: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/",
              !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory.deleteLastPathComponent()
        }
        return directory
    }()

    /// The reader's key sets by where their objects sit in a record: `""` is the record itself.
    /// A new kind of object in the reader is a new key of `Keys.offender` (or of another set), which
    /// the schema must then describe as an object, which must then be listed here.
    static let readerKeys: [String: Set<String>] = [
        "": OffenderDecoder.Keys.offender, "ppo": OffenderDecoder.Keys.ppo,
        "offences": OffenderDecoder.Keys.offence, "intelligence": OffenderDecoder.Keys.intelligence,
        "arrests": OffenderDecoder.Keys.arrest, "drug_tests": OffenderDecoder.Keys.drugTest,
        "assessments": OffenderDecoder.Keys.assessment, "custody": OffenderDecoder.Keys.custody,
        "bail": OffenderDecoder.Keys.bail, "court": OffenderDecoder.Keys.court,
        "warrants": OffenderDecoder.Keys.warrant, "cases": OffenderDecoder.Keys.caseFile,
        "cases.events": OffenderDecoder.Keys.event,
    ].mapValues { Set($0.map(\.text)) }

    /// Fields the rules see that are worked out at `as_of`, not read (docs/records.md, "Derived fields").
    /// `cohort` and `days_on_scheme` come from the panel's decisions (docs/cohort.md).
    static let derived: Set<String> = ["age", "juvenile", "is_ppo", "current_custody", "in_custody", "cohort",
                                       "days_on_scheme"]

    // MARK: the schema

    /// The schema, with each object it describes (record, `ppo`, elements) by its path in a record.
    struct JSONSchemaFile {
        let defs: [String: Any]
        var objects: [String: [String: [String: Any]]] = [:]

        init() throws {
            let data = try Data(contentsOf: RecordSchemaTests.root.appendingPathComponent("schema/offender.schema.json"))
            let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            defs = schema["$defs"] as? [String: Any] ?? [:]
            collect(resolved(schema), at: "")
        }

        /// A node with its `$ref` (to `#/$defs/…`) followed; the node's own keywords win.
        func resolved(_ node: [String: Any]) -> [String: Any] {
            guard let ref = node["$ref"] as? String, ref.hasPrefix("#/$defs/"),
                  let target = defs[String(ref.dropFirst("#/$defs/".count))] as? [String: Any] else { return node }
            var merged = resolved(target)
            for (key, value) in node where key != "$ref" { merged[key] = value }
            return merged
        }

        private mutating func collect(_ object: [String: Any], at path: String) {
            let properties = object["properties"] as? [String: Any] ?? [:]
            var resolvedProperties: [String: [String: Any]] = [:]
            for (name, value) in properties {
                guard let node = value as? [String: Any] else { continue }
                let property = resolved(node)
                resolvedProperties[name] = property
                let child = path.isEmpty ? name : "\(path).\(name)"
                if property["properties"] != nil {
                    collect(property, at: child)
                } else if let items = property["items"] as? [String: Any], resolved(items)["properties"] != nil {
                    collect(resolved(items), at: child)
                }
            }
            objects[path] = resolvedProperties
        }

        /// The JSON types a node allows: its `type`, or the kinds of its `enum` values.
        static func types(_ node: [String: Any]) -> Set<String> {
            if let type = node["type"] as? String { return [type] }
            if let types = node["type"] as? [String] { return Set(types) }
            if let values = node["enum"] as? [Any] {
                return Set(values.map { value -> String in
                    if value is NSNull { return "null" }
                    if value is String { return "string" }
                    return "number"
                })
            }
            return []
        }
    }

    @Test func schemaDescribesExactlyTheObjectsTheReaderReads() throws {
        let schema = try JSONSchemaFile()
        #expect(Set(schema.objects.keys) == Set(Self.readerKeys.keys),
                "objects in the schema: \(schema.objects.keys.sorted()); read by the reader: \(Self.readerKeys.keys.sorted())")
    }

    @Test(arguments: readerKeys.keys.sorted())
    func schemaNamesExactlyTheReadersKeys(path: String) throws {
        let schema = try JSONSchemaFile()
        let properties = try #require(schema.objects[path], "the schema describes no object at '\(path)'")
        var expected = try #require(Self.readerKeys[path])
        // Accepted and never read: described so that a producer knows they may be sent.
        if path.isEmpty { expected.formUnion(Schema.monitoringOnly) }
        #expect(Set(properties.keys) == expected,
                "'\(path)': only in the schema \(Set(properties.keys).subtracting(expected).sorted()), only in the reader \(expected.subtracting(properties.keys).sorted())")
    }

    /// The record kind (for `Schema`) of each path, found through the collection and record fields
    /// the rules see.
    static func kinds() -> [String: RecordKind] {
        var kinds: [String: RecordKind] = ["": .offender]
        var pending: [(String, RecordKind)] = [("", .offender)]
        while let (path, kind) = pending.popLast() {
            for (name, (_, type)) in Schema.fields(of: kind) where readerKeys[path]?.contains(name) ?? false {
                let child = path.isEmpty ? name : "\(path).\(name)"
                switch type {
                case .record(let k), .collection(let k):
                    kinds[child] = k
                    pending.append((child, k))
                default: continue
                }
            }
        }
        return kinds
    }

    @Test func rulesSeeEveryFieldTheReaderReads() {
        let kinds = Self.kinds()
        #expect(Set(kinds.keys) == Set(Self.readerKeys.keys))
        for (path, kind) in kinds {
            let seen = Set(Schema.fields(of: kind).keys).subtracting(kind == .offender ? Self.derived : [])
            #expect(seen == Self.readerKeys[path], "'\(path)': rules see \(seen.sorted()), the reader reads \(Self.readerKeys[path]?.sorted() ?? [])")
        }
    }

    @Test func schemaTypesMatchWhatTheRulesSee() throws {
        let schema = try JSONSchemaFile()
        for (path, kind) in Self.kinds() {
            let properties = try #require(schema.objects[path])
            for (name, (_, type)) in Schema.fields(of: kind) {
                guard let node = properties[name] else { continue }
                let types = JSONSchemaFile.types(node)
                let place = path.isEmpty ? name : "\(path).\(name)"
                let isID = path.isEmpty && name == "id"
                #expect(isID ? types == ["string"] : types.contains("null"), "\(place): null must count as absent (\(types))")
                switch type {
                case .string:
                    #expect(types.subtracting(["null"]) == ["string"] && node["enum"] == nil, "\(place) is text: \(types)")
                case .date:
                    #expect(types.subtracting(["null"]) == ["string"] && node["pattern"] as? String == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                            "\(place) is a date")
                case .number:
                    #expect(types.subtracting(["null"]) == ["number"], "\(place) is a number: \(types)")
                case .bool:
                    #expect(types.subtracting(["null"]) == ["boolean"], "\(place) is true/false: \(types)")
                case .stringList:
                    let items = schema.resolved(node["items"] as? [String: Any] ?? [:])
                    #expect(types.subtracting(["null"]) == ["array"] && JSONSchemaFile.types(items) == ["string"],
                            "\(place) is a list of text")
                case .enumeration(let domain):
                    if let closed = domain.closedValues {
                        let values = (node["enum"] as? [Any] ?? []).compactMap { $0 as? String }
                        #expect(Set(values) == Set(closed), "\(place) is one of \(closed), the schema says \(values)")
                    } else {
                        #expect(types.subtracting(["null"]) == ["string"], "\(place) is text (an open enumeration)")
                    }
                case .record:
                    #expect(types.subtracting(["null"]) == ["object"], "\(place) is an object: \(types)")
                case .collection:
                    #expect(types.subtracting(["null"]) == ["array"], "\(place) is a list: \(types)")
                case .duration:
                    Issue.record("\(place): no record field is a duration")
                }
            }
        }
        // The one number with a fixed domain: the intelligence source grading.
        let source = try #require(schema.objects["intelligence"]?["source"])
        #expect((source["enum"] as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue } == [1, 2, 3])
    }

    // MARK: docs/records.md

    /// The first-column names of each field table under a `###` heading of the section `## title`,
    /// by the heading's path (`offences[]` → `offences`, "The record" → `""`).
    static func documentedTables(under title: String) throws -> [String: Set<String>] {
        let text = String(decoding: try Data(contentsOf: root.appendingPathComponent("docs/records.md")), as: UTF8.self)
        var tables: [String: Set<String>] = [:]
        var inSection = false
        var current: String? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("## ") {
                inSection = line == "## \(title)"
                current = inSection ? "" : nil
                continue
            }
            guard inSection else { continue }
            if line.hasPrefix("### ") {
                if let code = line.firstCodeSpan {
                    current = code.replacingOccurrences(of: "[]", with: "")
                } else {
                    current = line == "### The record" ? "" : nil
                }
                continue
            }
            guard let current, line.hasPrefix("| `"), let name = line.firstCodeSpan else { continue }
            tables[current, default: []].insert(name)
        }
        return tables
    }

    @Test func recordsDocListsExactlyTheReadersFields() throws {
        let tables = try Self.documentedTables(under: "Fields")
        #expect(Set(tables.keys) == Set(Self.readerKeys.keys), "tables in docs/records.md: \(tables.keys.sorted())")
        for (path, keys) in Self.readerKeys {
            var expected = keys
            if path.isEmpty { expected.formUnion(Schema.monitoringOnly) }
            let documented = tables[path] ?? []
            #expect(documented == expected,
                    "docs/records.md '\(path)': missing \(expected.subtracting(documented).sorted()), not read \(documented.subtracting(expected).sorted())")
        }
    }

    @Test func recordsDocListsExactlyTheDerivedFields() throws {
        let documented = try Self.documentedTables(under: "Derived fields")[""] ?? []
        let derived = Set(Schema.fields(of: .offender).keys).subtracting(Self.readerKeys[""] ?? [])
        #expect(derived == Self.derived)
        #expect(documented == derived, "docs/records.md derives \(documented.sorted()); the rules see \(derived.sorted())")
    }
}

private extension String {
    /// The text of the first `code span` on the line.
    var firstCodeSpan: String? {
        guard let open = firstIndex(of: "`") else { return nil }
        let rest = self[index(after: open)...]
        guard let close = rest.firstIndex(of: "`") else { return nil }
        return String(rest[..<close])
    }
}
