namespace Foreman.Autonomy;

/// <summary>What kind of level change an audit record describes.</summary>
public enum LevelChangeKind
{
    /// <summary>Less supervision, earned by the track record.</summary>
    Promotion,

    /// <summary>More supervision, caused by the track record.</summary>
    Demotion,

    /// <summary>An operator fixed the level.</summary>
    Pin,

    /// <summary>An operator released a pin; the track record decides again.</summary>
    Unpin,
}
