import Aarshjul

/// The feed server: serves the feeds, the conflicts and an index page over HTTP.
public enum AarshjulServerModule {
    /// The server's name in logs and the `Server` header.
    public static let name = "aarshjul/\(AarshjulEngine.version)"
}
