using System.Collections.Generic;
using System.Threading.Tasks;

namespace ConcurrencyBench.Pairs.CONC0302.After;

/// <summary>
/// Indexes the distinct words of a text in parallel, with each word's length: every iteration of the Parallel.For
/// body checks whether the shared dictionary has the word yet and adds it when it does not.
/// </summary>
public sealed class WordIndex
{
    private readonly Dictionary<string, int> _lengths = new Dictionary<string, int>();
    private readonly object _gate = new object();

    public int Count => _lengths.Count;

    public bool TryGetLength(string word, out int length) => _lengths.TryGetValue(word, out length);

    public void Build(string[] words)
    {
        Parallel.For(0, words.Length, i =>
        {
            var word = words[i];
            lock (_gate)
            {
                if (!_lengths.ContainsKey(word))
                {
                    _lengths.Add(word, word.Length);
                }
            }
        });
    }
}
