using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace OpenDti.Testing.Mail;

/// <summary>
/// A real SMTP server on a loopback port, started by a test: it speaks enough SMTP for a client to
/// deliver mail (EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT, no TLS, no authentication) and
/// keeps every message it accepted. Recipients listed in <see cref="Refused"/> are refused with 550.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly Task _accepting;
    private int _connections;

    private SmtpTestServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Addresses whose RCPT TO is answered with 550.</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The messages accepted so far, in order.</summary>
    public IReadOnlyList<ReceivedMail> Received => _received.ToArray();

    /// <summary>How many connections clients opened.</summary>
    public int Connections => _connections;

    /// <summary>Starts a server on a free port.</summary>
    public static SmtpTestServer Start() => new();

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                sessions.Add(SessionAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        await Task.WhenAll(sessions);
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 1024, leaveOpen: true);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP ready");
            string? from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost greets you");
                        await writer.WriteLineAsync("250 HELP");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        var recipient = Address(line);
                        if (Refused.ContainsKey(recipient))
                        {
                            await writer.WriteLineAsync("550 No such mailbox");
                        }
                        else
                        {
                            to.Add(recipient);
                            await writer.WriteLineAsync("250 OK");
                        }

                        break;
                    case "DATA":
                        if (from is null || to.Count == 0)
                        {
                            await writer.WriteLineAsync("503 Bad sequence of commands");
                            break;
                        }

                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        _received.Enqueue(new ReceivedMail(from, to.ToArray(), data.ToString()));
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
    }

    /// <summary>The address in "MAIL FROM:&lt;a@b&gt; SIZE=…" or "RCPT TO:&lt;a@b&gt;".</summary>
    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', start + 1);
        return start < 0 || end < 0 ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() : line[(start + 1)..end];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}

/// <summary>A message the test server accepted.</summary>
/// <param name="From">The envelope sender.</param>
/// <param name="To">The envelope recipients.</param>
/// <param name="Data">The message as sent after DATA.</param>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data)
{
    /// <summary>The message parsed (headers decoded, body as text).</summary>
    public MimeMessage Message => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Data)));

    /// <summary>The decoded subject.</summary>
    public string Subject => Message.Subject ?? string.Empty;

    /// <summary>The decoded plain-text body.</summary>
    public string Body => Message.TextBody ?? string.Empty;
}
