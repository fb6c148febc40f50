import ArgumentParser
import PPOEngine

/// `ppo generate`: a synthetic population of invented offenders, for benchmarks and demonstrations.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic data set of invented offenders as JSON Lines.",
        discussion: """
            Every offender is made up: names are built from syllables, ids are S-0000001, S-0000002, …. \
            Each has about 10 offences (categories of matrices/categories.ppo, spread roughly as in police \
            recorded crime), 3 intelligence items, 2 arrests and one case of about 8 events; 5% are in \
            custody and a few % are on the scheme. Dates fall in the years before --reference-date. The same \
            --offenders, --seed and --reference-date always give byte-identical output.

            Example:
              ppo generate --offenders 20 --seed 7 --output synthetic.jsonl
              ppo score --matrix "Prolific Offender Prioritisation" --data synthetic.jsonl \\
                        --as-of 2026-11-22 --format csv --output synthetic.csv
            """
    )

    @Option(help: ArgumentHelp("How many offenders to write.", valueName: "N"))
    var offenders: Int

    @Option(help: ArgumentHelp("The random seed: any whole number from 0 to 18446744073709551615.", valueName: "S"))
    var seed: UInt64 = 1

    @Option(name: .customLong("reference-date"),
            help: ArgumentHelp("Dates are spread over the years before this day (YYYY-MM-DD).", valueName: "DATE"),
            transform: DataOptions.parseDay)
    var referenceDate: Day = SyntheticPopulation.defaultReferenceDate

    @Option(help: ArgumentHelp("Write to FILE (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        guard offenders >= 0 else { throw ValidationError("--offenders must be 0 or more") }
    }

    func run() throws {
        let population = SyntheticPopulation(seed: seed, referenceDate: referenceDate)
        let file = try OutputFile(path: output)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20 + 64 << 10)
        for index in 0..<offenders {
            population.appendRecord(index, to: &buffer)
            if buffer.count >= 1 << 20 {
                try file.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try file.write(buffer)
        try file.commit()
    }
}
