using System.Collections.Generic;
using System.Linq;

namespace AnalyzerPerf.Measurement;

/// <summary>The medians measured on one corpus: compile time and each analyzer's execution time, in milliseconds.</summary>
public sealed record CorpusResult(
    string Label,
    int Size,
    int Files,
    int Lines,
    double CompileMs,
    IReadOnlyDictionary<string, double> AnalyzerMs,
    IReadOnlyDictionary<string, int> Diagnostics)
{
    public double TotalAnalyzerMs => AnalyzerMs.Values.Sum();

    /// <summary>Analyzer time as a share of compile time (0.01 = 1%).</summary>
    public double Share(string rule) => AnalyzerMs[rule] / CompileMs;

    public double TotalShare => TotalAnalyzerMs / CompileMs;
}
