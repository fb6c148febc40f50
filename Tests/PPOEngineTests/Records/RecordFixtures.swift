@testable import PPOEngine

/// A small synthetic category table like one a `categories` block would load.
enum RecordFixtures {
    static let categories: CategoryTable = {
        var table = CategoryTable()
        let dwelling = table.declare("burglary_dwelling")
        let other = table.declare("burglary_other")
        let robbery = table.declare("robbery")
        let vehicle = table.declare("theft_of_vehicle")
        table.declare("shoplifting")
        let acquisitive = table.declareGroup("acquisitive")
        table.assign(dwelling, toGroup: acquisitive)
        table.assign(other, toGroup: acquisitive)
        table.assign(vehicle, toGroup: acquisitive)
        table.map(code: "28/1", to: dwelling)
        table.map(code: "28/2", to: other)
        table.map(code: "34", to: robbery)
        return table
    }()

    static func reader(chunkSize: Int = 1 << 20) -> RecordReader {
        RecordReader(categories: categories, chunkSize: chunkSize)
    }

    static func read(_ text: String, chunkSize: Int = 1 << 20) -> RecordBatch {
        reader(chunkSize: chunkSize).read(bytes: Array(text.utf8), path: "data.jsonl")
    }
}
