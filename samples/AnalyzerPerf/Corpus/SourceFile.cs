namespace AnalyzerPerf.Corpus;

/// <summary>One generated source file: its path in the compilation and its text.</summary>
public sealed record SourceFile(string Path, string Text)
{
    public int Lines => CountLines(Text) + 1;

    public static int CountLines(string text)
    {
        var lines = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                lines++;
            }
        }

        return lines;
    }
}
