using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace ConcurrencyBench.Pairs.CONC0404.Before;

/// <summary>
/// Renders a Mandelbrot image: the rows in parallel, and within each row the pixels in parallel too. Every pixel is
/// pure computation (up to MaxIterations steps of z = z² + c).
/// </summary>
public static class MandelbrotRenderer
{
    public const int MaxIterations = 256;

    public static void Render(int[][] image)
    {
        var height = image.Length;
        Parallel.For(0, height, y =>
        {
            var row = image[y];
            Parallel.For(0, row.Length, x =>
            {
                row[x] = Escape(x, y, row.Length, height);
            });
        });
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
