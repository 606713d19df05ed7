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
        var order = new int[points.Count];
        var count = 0;
        for (var i = 0; i < points.Count; i++)
        {
            if (participated[i])
            {
                order[count++] = i;
            }
        }

        // Highest first, so the keys are negated; among equal points the order does not matter, they
        // share a rank. Published points all have two decimals, so they usually compare as whole
        // numbers of hundredths, which sort several times faster than decimals.
        if (TryScaledIntegers(points, order, count, out var hundredths))
        {
            RankSorted(hundredths, order, count, ranks);
        }
        else
        {
            var keys = new decimal[count];
            for (var position = 0; position < count; position++)
            {
                keys[position] = -points[order[position]];
            }

            RankSorted(keys, order, count, ranks);
        }

        var last = count + 1;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (!participated[i])
            {
                ranks[i] = last;
            }
        }

        return ranks;
    }

    /// <summary>
    /// The rank of each entry, group by group: every entry of a lower group is ranked before any entry of
    /// a higher one whatever the points, and within a group entries are ranked as by
    /// <see cref="Rank(IReadOnlyList{decimal}, IReadOnlyList{bool})"/>, continuing from the entries of the
    /// groups before. A publication ranks the units that completed the review cycle (group 0) before those
    /// that did not (group 1).
    /// </summary>
    /// <param name="points">The points of each entry.</param>
    /// <param name="participated">Whether each entry takes part; within its group an entry that does not is ranked last.</param>
    /// <param name="groups">Each entry's group, 0 or more; lower groups rank first.</param>
    public static int[] Rank(IReadOnlyList<decimal> points, IReadOnlyList<bool> participated, IReadOnlyList<int> groups)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(participated);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count != points.Count || participated.Count != points.Count)
        {
            throw new ArgumentException("Every entry needs a participation flag and a group.", nameof(groups));
        }

        var ranks = new int[points.Count];
        var before = 0;
        foreach (var group in groups.Distinct().Order())
        {
            var members = Enumerable.Range(0, points.Count).Where(i => groups[i] == group).ToArray();
            var inner = Rank(members.Select(i => points[i]).ToArray(), members.Select(i => participated[i]).ToArray());
            for (var k = 0; k < members.Length; k++)
            {
                ranks[members[k]] = before + inner[k];
            }

            before += members.Length;
        }

        return ranks;
    }

    private static void RankSorted<TKey>(TKey[] keys, int[] order, int count, int[] ranks)
        where TKey : IEquatable<TKey>
    {
        Array.Sort(keys, order, 0, count);
        for (var position = 0; position < count; position++)
        {
            ranks[order[position]] = position > 0 && keys[position - 1].Equals(keys[position])
                ? ranks[order[position - 1]]
                : position + 1;
        }
    }

    /// <summary>
    /// The negated points as whole numbers of 10^-scale when every participating entry has the same
    /// scale and a mantissa below 2^63: then they order and tie exactly as the decimals do.
    /// </summary>
    private static bool TryScaledIntegers(IReadOnlyList<decimal> points, int[] order, int count, out long[] keys)
    {
        keys = new long[count];
        Span<int> bits = stackalloc int[4];
        var scale = -1;
        for (var position = 0; position < count; position++)
        {
            decimal.GetBits(points[order[position]], bits);
            var entryScale = (bits[3] >> 16) & 0xFF;
            if (bits[2] != 0 || bits[1] < 0 || (scale >= 0 && entryScale != scale))
            {
                return false;
            }

            scale = entryScale;
            var mantissa = ((long)bits[1] << 32) | (uint)bits[0];
            keys[position] = bits[3] < 0 ? mantissa : -mantissa;
        }

        return true;
    }
}
