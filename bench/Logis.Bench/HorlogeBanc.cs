using Logis.Domain.Commun;

namespace Logis.Bench;

/// <summary>
/// The benchmarks' composition root for time: they run on the real clock (BenchmarkDotNet starts its own processes,
/// so the clock cannot be handed down from Program.cs). Exempted from the real-clock ban in .editorconfig.
/// </summary>
internal static class HorlogeBanc
{
    public static TimeProvider Reelle => TimeProvider.System;

    public static DateOnly Aujourdhui => Reelle.AujourdhuiEnFrance();
}
