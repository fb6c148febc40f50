/// What equality monitoring reads of one record (docs/workbench.md, "Equality monitoring").
///
/// The monitoring-only fields (`ethnicity`, `gender`, `religion`) are read here and nowhere else:
/// the offender model the rules see never holds them, and a rule that names one is a load error.
public struct MonitoringRecord: Sendable {
    public let id: String
    /// The value of each monitoring field, nil when absent, empty or not text ("not recorded").
    public let ethnicity: String?
    public let gender: String?
    public let religion: String?
    public let dob: Day?
    public let area: String?
    /// `ppo.status` is `adopted`.
    public let adopted: Bool

    /// The monitoring fields, in the order reports list them.
    public static let fields = ["ethnicity", "gender", "religion"]

    public func value(_ field: String) -> String? {
        switch field {
        case "ethnicity": ethnicity
        case "gender": gender
        case "religion": religion
        default: nil
        }
    }

    /// Reads each line of a JSON Lines file; a line that is not an object with a text `id` is
    /// skipped (the record reader reports it), and a repeated id keeps its first line, as the reader does.
    public static func read(bytes: [UInt8]) -> [MonitoringRecord] {
        var records: [MonitoringRecord] = []
        var seen: Set<ExactText> = []
        for line in TextLine.lines(of: bytes) where !line.isBlank {
            guard case .success(.object(let members)) = JSONParser.parse(line.content) else { continue }
            func text(_ key: String, in members: [JSONMember]) -> String? {
                guard let member = members.first(where: { ExactText.same($0.key, key) }), case .string(let value) = member.value,
                      !value.isEmpty else { return nil }
                return value
            }
            guard let id = text("id", in: members), seen.insert(ExactText(id)).inserted else { continue }
            var adopted = false
            if let ppo = members.first(where: { ExactText.same($0.key, "ppo") }), case .object(let inner) = ppo.value {
                adopted = text("status", in: inner) == "adopted"
            }
            records.append(MonitoringRecord(id: id, ethnicity: text("ethnicity", in: members), gender: text("gender", in: members),
                                            religion: text("religion", in: members),
                                            dob: text("dob", in: members).flatMap { Day(iso: $0) },
                                            area: text("area", in: members), adopted: adopted))
        }
        return records
    }
}
