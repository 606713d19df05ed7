using System.Diagnostics;

namespace OpenDti.Testing;

/// <summary>
/// Listens to the events of one <see cref="DiagnosticListener"/> (EF Core's is "Microsoft.EntityFrameworkCore", whose
/// CommandExecuted events carry each SQL command) until disposed: how the tests count the commands a page or a use
/// case costs.
/// </summary>
public static class DiagnosticEvents
{
    /// <summary>Calls <paramref name="onEvent"/> with every event of the listeners named <paramref name="listenerName"/> until the result is disposed.</summary>
    public static IDisposable Subscribe(string listenerName, Action<KeyValuePair<string, object?>> onEvent)
    {
        var subscriptions = new List<IDisposable>();
        var all = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == listenerName)
            {
                lock (subscriptions)
                {
                    subscriptions.Add(listener.Subscribe(new Observer<KeyValuePair<string, object?>>(onEvent)));
                }
            }
        }));
        return new Subscriptions(all, subscriptions);
    }

    private sealed class Subscriptions(IDisposable all, List<IDisposable> each) : IDisposable
    {
        public void Dispose()
        {
            all.Dispose();
            lock (each)
            {
                each.ForEach(s => s.Dispose());
                each.Clear();
            }
        }
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value) => next(value);
    }
}
