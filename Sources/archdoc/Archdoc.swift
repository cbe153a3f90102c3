import ArchdocAllocator
import ArchdocBasics
import ArchdocGeneration
import ArgumentParser

@main
struct Archdoc: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archdoc",
        abstract: "Architecture as code: diagrams and docs from one Swift description.",
        discussion: """
            Describe your system once, in architecture/main.swift, with the \
            ArchitectureDescription DSL. archdoc compiles it, validates the model and \
            generates C4-PlantUML and Mermaid diagrams of the system context, the \
            containers and each deployment profile.

            Quick start:
              archdoc init                     # starts architecture/ in this repository
              archdoc generate                 # reads architecture/, writes site/
              archdoc generate -o docs/arch    # writes somewhere else
              archdoc import compose.yaml      # starts architecture/main.swift

            Environment:
              ARCHDOC_SWIFTC      the Swift compiler (default: swiftc on PATH)
              ARCHDOC_DSL_PATH    the folder with libArchitectureDescription.so
              ARCHDOC_CACHE_DIR   where compiled models are cached (default: ~/.cache/archdoc)
              ARCHDOC_MODEL_TIMEOUT    seconds the compiled architecture may run (default: 60; or --timeout)
              ARCHDOC_MODEL_MEMORY_MB  its memory limit (default: 4096)
              ARCHDOC_MODEL_SIZE_MB    the largest model it may write (default: 64)
              ARCHDOC_PORT        the port serve listens on (default: 8000; or --port)
              ARCHDOC_NO_CHUNKING      set to compile long DSL blocks as written (slower; see README "Large models")
              ARCHDOC_SCRIPT_MODE      set to compile main.swift as a script even when it holds only declarations (slower)
            """,
        version: VersionReport.text(detail: ProcessAllocator.name),
        subcommands: [Init.self, Generate.self, Check.self, Watch.self, Serve.self, Import.self]
    )

    /// ArgumentParser's `main`, after setting up the allocator.
    static func main() async {
        ProcessAllocator.configure()
        // Ctrl-C or SIGTERM ends the compiler or model program that is running, too.
        ProcessRunner.installCleanupHandlers()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
