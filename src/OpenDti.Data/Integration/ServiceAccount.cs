namespace OpenDti.Data.Integration;

/// <summary>
/// An account for another system (the province's LGSP, the public-service portal) that sends values
/// through the API with an API key (<c>X-Api-Key</c>). Only a hash of the key is stored; the key itself
/// is shown once, when the account is created. The account may read and write the values of
/// <see cref="UnitIds"/> only and, when <see cref="Indicators"/> is set, of those indicators only.
/// </summary>
public sealed class ServiceAccount
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>A name people recognise ("LGSP tỉnh"), written in the audit of what it changes.</summary>
    public required string Name { get; set; }

    /// <summary>The key's first characters, shown in lists to tell keys apart ("odti_Ab3x").</summary>
    public required string KeyPrefix { get; set; }

    /// <summary>SHA-256 of the whole key, lower-case hexadecimal (unique).</summary>
    public required string KeyHash { get; set; }

    /// <summary>The units whose values it may read and write.</summary>
    public List<int> UnitIds { get; set; } = [];

    /// <summary>The indicators it may write; null: every indicator.</summary>
    public List<string>? Indicators { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Who created it.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was revoked (UTC); null while its key works.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>Who revoked it.</summary>
    public string? RevokedBy { get; set; }
}

/// <summary>
/// A request sent with an <c>Idempotency-Key</c> header and saved: the same key from the same caller
/// answers with <see cref="Response"/> instead of saving again. The key is unique per caller, so two
/// requests with the same key sent at the same moment cannot both save: the database refuses the second.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Database id.</summary>
    public long Id { get; set; }

    /// <summary>Who sent it: an account's id, or <c>service:{id}</c> for a service account.</summary>
    public required string Caller { get; set; }

    /// <summary>The key the caller chose.</summary>
    public required string Key { get; set; }

    /// <summary>SHA-256 of the request (route and body), lower-case hexadecimal.</summary>
    public required string RequestHash { get; set; }

    /// <summary>The answer given, as JSON; empty until the request's transaction commits it.</summary>
    public string Response { get; set; } = string.Empty;

    /// <summary>When it was saved (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When the key may be used again for another request (UTC).</summary>
    public DateTime ExpiresAt { get; set; }
}
