using System;
using System.Collections.Generic;
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
        Export(PrimaryChart(scenario, runsPerSide), Path.Combine(directory, chart), 760, 250);
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

    private static PlotModel ThreadsChart(ScenarioReport scenario)
    {
        var model = NewModel(
            $"{scenario.Rule} {scenario.Name}: thread-pool threads over time",
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
