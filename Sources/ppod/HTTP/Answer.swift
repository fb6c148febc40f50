import Hummingbird
import PPOEngine

/// Builds ppod's answers: JSON documents, the engine's rendered JSON or CSV, JSON Lines.
enum Answer {
    /// A JSON object from key–value pairs, keys in the order given.
    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONMember(key: $0.0, value: $0.1) })
    }

    static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    static func number(_ value: Int) -> JSONValue { .number(String(value)) }
    static func number(_ value: Int64) -> JSONValue { .number(String(value)) }
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        bytes(Array(JSONWriter(pretty: true).render(value).utf8), type: "application/json; charset=utf-8",
              status: status, headers: headers)
    }

    static func bytes(_ bytes: [UInt8], type: String, status: HTTPResponse.Status = .ok,
                      headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = type
        return Response(status: status, headers: fields, body: StreamedBody.chunked(bytes))
    }

    /// A ranking as `ppo score` writes it: JSON streamed from the packed forms, or CSV; with the
    /// panel's decisions, each offender's status and strand, joined as the answer is written.
    static func ranking(_ ranking: PackedRanking, format: OutputFormat, headers: HTTPFields,
                        decisions: DecisionBook? = nil) -> Response {
        var fields = headers
        switch format {
        case .json:
            fields[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: fields, body: StreamedBody.make { write in
                // Small pieces: each of a slow reader's waiting pieces is held in memory.
                try RankingJSONStreamer(offendersPerPiece: 250, decisions: decisions).write(ranking, to: write)
            })
        case .csv:
            return bytes(Array(RankingCSVRenderer(decisions: decisions).render(ranking.ranking(withLines: false)).utf8),
                         type: "text/csv; charset=utf-8", headers: headers)
        }
    }

    /// Bytes in the format the request asked for.
    static func formatted(_ bytes: [UInt8], format: OutputFormat, headers: HTTPFields) -> Response {
        switch format {
        case .json: return Answer.bytes(bytes, type: "application/json; charset=utf-8", headers: headers)
        case .csv: return Answer.bytes(bytes, type: "text/csv; charset=utf-8", headers: headers)
        }
    }

    /// A document the engine rendered, in the format the request asked for.
    static func document(_ rendered: RenderedDocument, format: OutputFormat, headers: HTTPFields) -> Response {
        formatted(format == .json ? rendered.json : rendered.csv, format: format, headers: headers)
    }
}

/// An engine answer rendered both ways (a run stores both).
struct RenderedDocument: Sendable {
    let json: [UInt8]
    let csv: [UInt8]
}

/// The formats of the table-shaped answers.
enum OutputFormat: Sendable {
    case json, csv
}
