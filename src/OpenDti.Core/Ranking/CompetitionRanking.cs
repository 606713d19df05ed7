namespace OpenDti.Core.Ranking;

/// <summary>
/// Ranks as the ministry publishes them: by points, highest first; equal points share a rank and
/// the next rank is skipped (1, 2, 2, 4). Entries that did not take part (nothing submitted) are
/// ranked after every other entry and share that last rank.
/// </summary>
public static class CompetitionRanking
{
    /// <summary>The rank of each entry, in the order given.</summary>
    /// <param name="points">The points of each entry.</param>
    /// <param name="participated">Whether each entry takes part; entries that do not are ranked last.</param>
    public static int[] Rank(IReadOnlyList<decimal> points, IReadOnlyList<bool> participated)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(participated);
        if (points.Count != participated.Count)
        {
            throw new ArgumentException("Every entry needs a participation flag.", nameof(participated));
        }

        var ranks = new int[points.Count];
        var order = Enumerable.Range(0, points.Count)
            .Where(i => participated[i])
            .OrderByDescending(i => points[i])
            .ToArray();
        for (var position = 0; position < order.Length; position++)
        {
            var entry = order[position];
            ranks[entry] = position > 0 && points[order[position - 1]] == points[entry]
                ? ranks[order[position - 1]]
                : position + 1;
        }

        var last = order.Length + 1;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (!participated[i])
            {
                ranks[i] = last;
            }
        }

        return ranks;
    }
}
