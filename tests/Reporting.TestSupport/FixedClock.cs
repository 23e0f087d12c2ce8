namespace Reporting.Tests.Shared;

/// <summary>A clock fixed at a moment, so "in the future" and generation dates mean the same in every run.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
