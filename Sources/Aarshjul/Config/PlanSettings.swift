/// The `[plan]` table: how `aarshjul plan` may move items.
///
/// ```toml
/// [plan]
/// keep-weekday = true      # a moved meeting keeps its weekday and time of day; default true
/// ```
///
/// Deadlines (all-day items and items of kind `deadline`) may always move to any working day;
/// `keep-weekday` applies to the others. See the Planning article.
public struct PlanSettings: Hashable, Sendable {
    /// Whether a moved meeting keeps its weekday (`keep-weekday`, default true): it then
    /// moves by whole weeks. Its time of day is always kept.
    public var keepWeekday: Bool

    /// Creates plan settings.
    public init(keepWeekday: Bool = true) {
        self.keepWeekday = keepWeekday
    }
}
