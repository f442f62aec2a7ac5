using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace ConcurrencyBench.Pairs.CONC0401.Before;

/// <summary>One row of an image and where it sits.</summary>
public sealed class ScanLine
{
    public ScanLine(int y, int width)
    {
        Y = y;
        Pixels = new int[width];
    }

    public int Y { get; }

    public int[] Pixels { get; }
}

/// <summary>Renders a Mandelbrot image with a thread of its own for every row, and waits for all of them.</summary>
public static class ThreadPerRowRenderer
{
    public const int MaxIterations = 256;

    public static void Render(IReadOnlyList<ScanLine> lines)
    {
        var height = lines.Count;
        var threads = new List<Thread>();
        foreach (var line in lines)
        {
            var thread = new Thread(() => Fill(line, height));
            thread.Start();
            threads.Add(thread);
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }

    private static void Fill(ScanLine line, int height)
    {
        var pixels = line.Pixels;
        for (var x = 0; x < pixels.Length; x++)
        {
            pixels[x] = Escape(x, line.Y, pixels.Length, height);
        }
    }

    /// <summary>How many steps the point of pixel (x, y) takes to leave the circle of radius 2 (MaxIterations if it never does).</summary>
    // Fully optimized from the first call: every run is a fresh process, and the pixel loop must not be timed
    // at the JIT's first, unoptimized tier (which both sides would otherwise pay for unevenly).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Escape(int x, int y, int width, int height)
    {
        var cr = -2.0 + (3.0 * x / width);
        var ci = -1.2 + (2.4 * y / height);
        double zr = 0, zi = 0;
        var steps = 0;
        while (steps < MaxIterations && (zr * zr) + (zi * zi) <= 4.0)
        {
            var next = (zr * zr) - (zi * zi) + cr;
            zi = (2.0 * zr * zi) + ci;
            zr = next;
            steps++;
        }

        return steps;
    }
}
