import ChatFiles

/// `chatfiles init`: creates an empty store.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "init",
        abstract: "Create an empty store.",
        discussion: """
            Creates the store folder with an empty index (index.sqlite) and the objects/ and tmp/ folders. \
            The folder must not exist yet or be empty; a store that exists already is left as it is. Other \
            commands that write (put and import) create the store on demand, so init is only needed to \
            create a store ahead of time or to check that a path can hold one.
            """,
        examples: ["chatfiles --store ./team-store init"])

    func run(in context: CommandContext) throws {
        let existed = try FileSystem.live.status(context.storePath + "/index.sqlite") != nil
        let store = try context.openStore()
        if existed {
            context.print("store at \(quoted(store.path)) exists already; nothing changed")
        } else {
            context.print("created an empty store at \(quoted(store.path))")
        }
    }
}
