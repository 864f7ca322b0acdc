import Aarshjul

/// The feed server: serves the feeds, the conflicts and an index page over HTTP.
///
/// The pieces, in the order a request meets them: ``FeedServer`` (routes on Hummingbird),
/// ``RequestLogMiddleware`` and ``TokenMiddleware``, a ``FeedSnapshot`` taken from the
/// ``FeedStore``, and a ``ServedFile`` that answers `200` or `304`. Behind them,
/// ``FeedRebuilder`` runs the engine (``FeedBuild/engine(configurationPath:year:language:indexExtra:now:)``)
/// on an interval and swaps in each new snapshot whole.
public enum AarshjulServerModule {
    /// The server's name in logs and the `Server` header.
    public static let name = "aarshjul/\(AarshjulEngine.version)"
}
