import HTTPTypes
import Hummingbird

/// The headers that say what an evaluated answer was computed from.
enum DigestHeaders {
    static func make(rules: String, data: String? = nil, run: Int64? = nil) -> HTTPFields {
        var fields = HTTPFields()
        if let name = HTTPField.Name("PPO-Rules-Digest") { fields[name] = rules }
        if let data, let name = HTTPField.Name("PPO-Data-Digest") { fields[name] = data }
        if let run, let name = HTTPField.Name("PPO-Run-Id") { fields[name] = String(run) }
        return fields
    }
}
