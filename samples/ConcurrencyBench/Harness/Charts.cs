using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace ConcurrencyBench.Harness;

/// <summary>
/// Charts drawn with OxyPlot and exported to SVG by its managed SVG exporter: no native graphics library, so they
/// render the same on any machine the bench runs on.
/// </summary>
public static class Charts
{
    private static readonly OxyColor BeforeColor = OxyColor.FromRgb(0xD6, 0x4B, 0x3C);
    private static readonly OxyColor AfterColor = OxyColor.FromRgb(0x2B, 0x7B, 0xB9);

    /// <summary>Writes the scenario's two charts and returns their file names.</summary>
    public static (string Chart, string Threads) Write(ScenarioReport scenario, int runsPerSide, string directory)
    {
        Directory.CreateDirectory(directory);
        var chart = scenario.Slug + ".svg";
        var threads = scenario.Slug + "-threads.svg";
        var primary = scenario.Metrics.First(m => m.Primary);
        var levels = LevelRows(scenario, primary);
        if (levels.Count > 1)
        {
            Export(LevelsChart(scenario, primary, levels, runsPerSide), Path.Combine(directory, chart), 760, 340);
        }
        else
        {
            Export(PrimaryChart(scenario, runsPerSide), Path.Combine(directory, chart), 760, 250);
        }

        Export(ThreadsChart(scenario), Path.Combine(directory, threads), 760, 300);
        return (chart, threads);
    }

    private static PlotModel PrimaryChart(ScenarioReport scenario, int runsPerSide)
    {
        var row = scenario.Metrics.First(m => m.Primary);
        var unit = row.Unit.Length == 0 ? "" : $" ({row.Unit})";
        var model = NewModel(
            $"{scenario.Rule} {scenario.Name}: {row.Metric}{unit}",
            $"{scenario.Change}   ·   {(row.RatioText.Length > 0 ? "ratio " + row.RatioText + ", " : "")}median of {runsPerSide} runs, whiskers min–max");

        model.PlotMargins = new OxyThickness(110, double.NaN, 40, double.NaN);
        var categories = new CategoryAxis { Position = AxisPosition.Left, GapWidth = 0.8, FontSize = 12 };
        categories.Labels.Add("after (fixed)\n" + Median(row.After, row.Unit, row.AfterBounded));
        categories.Labels.Add("before\n" + Median(row.Before, row.Unit, row.BeforeBounded));
        model.Axes.Add(categories);
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom,
            Minimum = 0,
            MaximumPadding = 0.15,
            Title = row.Metric + unit + (row.HigherIsBetter ? " — higher is better" : " — lower is better"),
            AxisTitleDistance = 6,
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColor.FromAColor(60, OxyColors.Gray),
        });

        // The medians go into the category labels, clear of the whiskers; a run stopped by its time cap gives a bound.
        model.Series.Add(Bar(row.After.Median, 0, AfterColor));
        model.Series.Add(Bar(row.Before.Median, 1, BeforeColor));
        model.Series.Add(Whisker(row.After, 0));
        model.Series.Add(Whisker(row.Before, 1));

        if (row.Limit is { } limit)
        {
            model.Annotations.Add(new LineAnnotation
            {
                Type = LineAnnotationType.Vertical,
                X = limit,
                Color = OxyColors.DimGray,
                LineStyle = LineStyle.Dash,
                Text = "limit " + row.LimitText,
                TextColor = OxyColors.DimGray,
                TextOrientation = AnnotationTextOrientation.Horizontal,
                TextHorizontalAlignment = row.HigherIsBetter ? HorizontalAlignment.Right : HorizontalAlignment.Left,
                TextVerticalAlignment = VerticalAlignment.Middle,
                TextLinePosition = 0.5,
                FontSize = 11,
            });
        }

        return model;
    }

    /// <summary>The rows of the headline metric at each concurrency level, in ascending order (empty for a single-level scenario).</summary>
    private static List<MetricRow> LevelRows(ScenarioReport scenario, MetricRow primary) =>
        primary.Level is null
            ? new List<MetricRow>()
            : scenario.Metrics
                .Where(m => m.Level is not null && m.Unit == primary.Unit && m.HigherIsBetter == primary.HigherIsBetter)
                .OrderBy(m => m.Level)
                .ToList();

    /// <summary>
    /// The headline metric against the concurrency level: before and after medians joined by lines, whiskers min–max,
    /// the limit dashed. The value axis is logarithmic so that one connection and hundreds fit on one chart; a value of
    /// zero (nothing completed) sits on the floor of the axis, labelled 0.
    /// </summary>
    private static PlotModel LevelsChart(ScenarioReport scenario, MetricRow primary, IReadOnlyList<MetricRow> rows, int runsPerSide)
    {
        var unit = primary.Unit.Length == 0 ? "" : $" ({primary.Unit})";
        var model = NewModel(
            $"{scenario.Rule} {scenario.Name}: {MetricName(primary)}{unit} by connections",
            $"{scenario.Change}\nmedian of {runsPerSide} runs per level, whiskers min–max, each level a fresh process (cold pool)"
            + (primary.LimitNote is null ? "" : "; limit: " + primary.LimitNote));
        model.SubtitleFontSize = 10;
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom,
            Minimum = -0.3,
            Maximum = rows.Count - 0.7,
            MajorStep = 1,
            MinorStep = 1,
            Title = "connections (requests in flight)",
            AxisTitleDistance = 6,
            LabelFormatter = x =>
            {
                var i = (int)Math.Round(x);
                return i >= 0 && i < rows.Count && Math.Abs(x - i) < 0.01 ? rows[i].Level!.Value.ToString(CultureInfo.InvariantCulture) : "";
            },
        });

        var values = rows.SelectMany(r => new[] { r.Before.Min, r.Before.Max, r.After.Min, r.After.Max, r.Limit ?? double.NaN })
            .Where(v => !double.IsNaN(v))
            .ToList();
        var positive = values.Where(v => v > 0).DefaultIfEmpty(1).ToList();
        var floor = Math.Min(1, positive.Min() / 2);
        model.Axes.Add(new LogarithmicAxis
        {
            Position = AxisPosition.Left,
            Minimum = floor / 5,
            Maximum = positive.Max() * 3,
            Title = MetricName(primary) + unit + ", log scale",
            AxisTitleDistance = 8,
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColor.FromAColor(60, OxyColors.Gray),
            StringFormat = "#,0.##",
        });
        model.Legends.Add(new Legend
        {
            LegendPosition = LegendPosition.RightTop,
            LegendPlacement = LegendPlacement.Outside,
            LegendOrientation = LegendOrientation.Vertical,
            LegendItemSpacing = 8,
            LegendLineSpacing = 6,
        });

        if (rows.All(r => r.Limit is not null))
        {
            var limit = new LineSeries { Title = "limit", Color = OxyColors.DimGray, LineStyle = LineStyle.Dash, StrokeThickness = 1.2 };
            for (var i = 0; i < rows.Count; i++)
            {
                limit.Points.Add(new DataPoint(i, rows[i].Limit!.Value));
            }

            model.Series.Add(limit);
        }

        // After's labels go above its points, before's below, so the two stay apart where the values are close.
        AddLevelSide(model, rows, r => r.After, "after", AfterColor, floor, above: primary.HigherIsBetter);
        AddLevelSide(model, rows, r => r.Before, "before", BeforeColor, floor, above: !primary.HigherIsBetter);
        return model;
    }

    private static void AddLevelSide(PlotModel model, IReadOnlyList<MetricRow> rows, Func<MetricRow, Summary> side, string title, OxyColor color, double floor, bool above)
    {
        double OnAxis(double value) => Math.Max(Finite(value), floor);
        var line = new LineSeries { Title = title, Color = color, StrokeThickness = 2, MarkerType = MarkerType.Circle, MarkerSize = 3.5, MarkerFill = color };
        var whiskers = new LineSeries { Color = color, StrokeThickness = 1.2, RenderInLegend = false };
        for (var i = 0; i < rows.Count; i++)
        {
            var summary = side(rows[i]);
            if (summary.Count == 0)
            {
                continue;
            }

            line.Points.Add(new DataPoint(i, OnAxis(summary.Median)));
            model.Annotations.Add(new TextAnnotation
            {
                TextPosition = new DataPoint(i, OnAxis(summary.Median)),
                Text = Report.Format(summary.Median, rows[i].Unit),
                TextColor = color,
                FontSize = 11,
                Stroke = OxyColors.Undefined,
                StrokeThickness = 0,
                Background = OxyColor.FromAColor(200, OxyColors.White),
                TextHorizontalAlignment = HorizontalAlignment.Left,
                TextVerticalAlignment = above ? VerticalAlignment.Bottom : VerticalAlignment.Top,
                Offset = new ScreenVector(6, above ? -3 : 3),
            });
            if (summary.Count > 1 && summary.Min < summary.Max)
            {
                const double cap = 0.04;
                var (min, max) = (OnAxis(summary.Min), OnAxis(summary.Max));
                whiskers.Points.Add(new DataPoint(i - cap, min));
                whiskers.Points.Add(new DataPoint(i + cap, min));
                whiskers.Points.Add(DataPoint.Undefined);
                whiskers.Points.Add(new DataPoint(i, min));
                whiskers.Points.Add(new DataPoint(i, max));
                whiskers.Points.Add(DataPoint.Undefined);
                whiskers.Points.Add(new DataPoint(i - cap, max));
                whiskers.Points.Add(new DataPoint(i + cap, max));
                whiskers.Points.Add(DataPoint.Undefined);
            }
        }

        model.Series.Add(whiskers);
        model.Series.Add(line);
    }

    /// <summary>A level's metric name without its level prefix ("256 conns: throughput" → "throughput").</summary>
    private static string MetricName(MetricRow row)
    {
        var colon = row.Metric.IndexOf(": ", StringComparison.Ordinal);
        return row.Level is not null && colon >= 0 ? row.Metric[(colon + 2)..] : row.Metric;
    }

    private static PlotModel ThreadsChart(ScenarioReport scenario)
    {
        var runs = scenario.BeforeRuns.Concat(scenario.AfterRuns).ToList();
        var level = runs.Any(r => r.Levels is { Count: > 1 }) ? $" at {runs.Max(r => r.Connections)} connections" : "";
        var model = NewModel(
            $"{scenario.Rule} {scenario.Name}: thread-pool threads over time{level}",
            "every run, from a cold pool (as many threads as cores) to the end of the measured phase");
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom,
            Minimum = 0,
            Title = "time (s)",
            AxisTitleDistance = 6,
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColor.FromAColor(60, OxyColors.Gray),
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left,
            Minimum = 0,
            MaximumPadding = 0.1,
            Title = "threads",
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColor.FromAColor(60, OxyColors.Gray),
        });
        model.Legends.Add(new Legend
        {
            LegendPosition = LegendPosition.RightTop,
            LegendPlacement = LegendPlacement.Outside,
            LegendOrientation = LegendOrientation.Vertical,
            LegendItemSpacing = 8,
            LegendLineSpacing = 6,
        });
        AddRuns(model, scenario.BeforeRuns, "before", BeforeColor);
        AddRuns(model, scenario.AfterRuns, "after", AfterColor);
        return model;
    }

    private static void AddRuns(PlotModel model, IReadOnlyList<TrialResult> runs, string title, OxyColor color)
    {
        for (var i = 0; i < runs.Count; i++)
        {
            var line = new LineSeries { Color = color, StrokeThickness = 1.5, Title = i == 0 ? title : null, RenderInLegend = i == 0 };
            foreach (var sample in runs[i].Timeline)
            {
                line.Points.Add(new DataPoint(sample.Ms / 1000.0, sample.Threads));
            }

            model.Series.Add(line);
        }
    }

    private static string Median(Summary summary, string unit, bool bounded) =>
        summary.Count == 0 ? "none" : (bounded ? "≥ " : "") + Report.WithUnit(summary.Median, unit);

    private static BarSeries Bar(double value, int category, OxyColor color)
    {
        // Stacked, with each side's value in its own category only: the two bars share one slot per category.
        var bar = new BarSeries { IsStacked = true, StrokeThickness = 0, FillColor = color };
        bar.Items.Add(new BarItem(Finite(value), category));
        return bar;
    }

    private static LineSeries Whisker(Summary summary, int category)
    {
        var line = new LineSeries { Color = OxyColors.Black, StrokeThickness = 1.2 };
        if (summary.Count > 1 && !double.IsNaN(summary.Min))
        {
            const double cap = 0.12;
            line.Points.Add(new DataPoint(summary.Min, category - cap));
            line.Points.Add(new DataPoint(summary.Min, category + cap));
            line.Points.Add(DataPoint.Undefined);
            line.Points.Add(new DataPoint(summary.Min, category));
            line.Points.Add(new DataPoint(summary.Max, category));
            line.Points.Add(DataPoint.Undefined);
            line.Points.Add(new DataPoint(summary.Max, category - cap));
            line.Points.Add(new DataPoint(summary.Max, category + cap));
        }

        return line;
    }

    private static PlotModel NewModel(string title, string subtitle) => new()
    {
        Title = title,
        Subtitle = subtitle,
        TitleFontSize = 15,
        SubtitleFontSize = 11,
        DefaultFont = "Helvetica, Arial, sans-serif",
        Background = OxyColors.White,
        PlotAreaBorderColor = OxyColors.LightGray,
    };

    private static double Finite(double value) => double.IsNaN(value) ? 0 : value;

    private static void Export(PlotModel model, string path, double width, double height)
    {
        // The vertical-alignment workaround places text without 'dominant-baseline', which some SVG renderers ignore.
        var exporter = new SvgExporter { Width = width, Height = height, UseVerticalTextAlignmentWorkaround = true };
        File.WriteAllText(path, exporter.ExportToString(model));
    }
}
