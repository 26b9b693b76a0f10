using System.Collections.Concurrent;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Media;

namespace Sinks.Download;

/// <summary>
/// The audio sinks of one crawl (any number, of any types): each pair becomes at most one media request, for every
/// sink that takes its sample, and the audio fetched for it is handed to each of them, which converts it, writes
/// it and records its status in its own record. One per crawl host (<see cref="CrawlHostBuilderDownloadExtensions.AddMediaDownload(Crawler.Core.Hosting.CrawlHostBuilder)"/>).
/// </summary>
public sealed class AudioSinkGroup(MediaScheduler scheduler)
{
    private readonly List<DownloadSink> _members = [];
    private readonly List<string> _types = [];
    private readonly ConcurrentDictionary<string, Scheduling> _scheduling = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds a sink; its media handler name is its type for the first sink of the type, else the type and its place
    /// among them (<c>webdataset-2</c>): the same crawlers.json gives the same names, so a resumed job finds its sinks.
    /// </summary>
    /// <returns>The sink's handler name and its place among the crawl's audio sinks (0 for the first).</returns>
    internal (string Name, int Place) Join(DownloadSink sink, string type)
    {
        lock (_members)
        {
            var sameType = _types.Count(t => t == type);
            _members.Add(sink);
            _types.Add(type);
            return (sameType == 0 ? type : $"{type}-{sameType + 1}", _members.Count - 1);
        }
    }

    private DownloadSink[] Members()
    {
        lock (_members)
            return [.. _members];
    }

    /// <summary>
    /// Called by each sink for each pair it receives: the first call schedules the one media request of the pair for
    /// every sink that takes it; the other sinks' calls wait for that and return.
    /// </summary>
    internal async ValueTask WriteAsync(AudioPair pair, CancellationToken cancellationToken)
    {
        var members = Members();
        if (members.Length == 1)
        {
            await ScheduleAsync(members, pair, cancellationToken).ConfigureAwait(false);
            return;
        }
        var key = SampleKey.Of(pair.Url.AbsoluteUri, pair.Text);
        var entry = _scheduling.GetOrAdd(key, _ => new Scheduling(() => ScheduleAsync(members, pair, cancellationToken)));
        if (Interlocked.Increment(ref entry.Calls) >= members.Length)
            _scheduling.TryRemove(new KeyValuePair<string, Scheduling>(key, entry));
        await entry.Scheduled.Value.ConfigureAwait(false);
    }

    private async Task ScheduleAsync(DownloadSink[] members, AudioPair pair, CancellationToken cancellationToken)
    {
        DownloadSink? lead = null;
        AudioSource? leadSource = null;
        var takers = new List<MediaSampleSink>();
        foreach (var member in members)
        {
            var source = member.SourceOf(pair);
            if (!await member.Runner.AcceptAsync(source).ConfigureAwait(false))
                continue;
            takers.Add(new MediaSampleSink(member.MediaHandlerName, source.Row));
            if (lead is null)
            {
                lead = member;
                leadSource = source;
            }
        }
        if (lead is not null)
            await scheduler.ScheduleAsync(lead.RequestFor(new MediaSample(leadSource!, takers)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads the sample of a media request once, with the runner of <paramref name="lead"/> (the sink the request
    /// names), and hands a copy to every sink of this crawl that takes it; the request ends once each of them ended it.
    /// </summary>
    internal async ValueTask HandleAsync(DownloadSink lead, MediaSample sample, MediaRequestContext context, CancellationToken cancellationToken)
    {
        var members = Members();
        var takers = sample.Sinks
            .Select(s => (Sink: members.FirstOrDefault(m => m.MediaHandlerName == s.Sink), Source: sample.Source with { Row = s.Row }))
            .Where(t => t.Sink is not null)
            .Select(t => (Sink: t.Sink!, t.Source))
            .ToList();
        if (takers.Count == 0)
            takers.Add((lead, sample.Source)); // a shared crawl's worker without the other sinks: its own share
        if (takers.Count == 1)
        {
            await takers[0].Sink.Runner.HandleAsync(takers[0].Source, context, cancellationToken).ConfigureAwait(false);
            return;
        }
        var contexts = context.Split(takers.Count);
        var started = new List<(DownloadSink Sink, AudioSource Source, MediaRequestContext Context)>();
        for (var i = 0; i < takers.Count; i++)
        {
            if (await takers[i].Sink.Runner.BeginAsync(takers[i].Source, contexts[i]).ConfigureAwait(false))
                started.Add((takers[i].Sink, takers[i].Source, contexts[i]));
        }
        if (started.Count == 0)
            return;
        DownloadedAudio downloaded;
        try
        {
            downloaded = await lead.Runner.DownloadAsync(sample.Source, context.Request, context.Fetcher, cancellationToken).ConfigureAwait(false);
        }
        catch (SampleRejectedException ex)
        {
            foreach (var taker in started)
                await taker.Sink.Runner.RejectAsync(taker.Source, ex).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException ex)
        {
            throw AbandonAll(started, ex);
        }
        // Every sink gets its own copy before any conversion starts: a conversion deletes the file it converted.
        var copies = new List<DownloadedAudio>();
        try
        {
            foreach (var taker in started)
                copies.Add(await taker.Sink.Runner.CopyAsync(downloaded, taker.Source, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException ex)
        {
            throw AbandonAll(started, ex);
        }
        finally
        {
            Delete(downloaded);
        }
        for (var i = 0; i < started.Count; i++)
        {
            try
            {
                await started[i].Sink.Runner.TakeAsync(copies[i], started[i].Context, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex)
            {
                throw AbandonAll(started.Skip(i + 1), ex); // the one that threw has left its own for the next run
            }
        }
    }

    private static OperationCanceledException AbandonAll(IEnumerable<(DownloadSink Sink, AudioSource Source, MediaRequestContext Context)> takers, Exception cause)
    {
        foreach (var taker in takers)
            taker.Sink.Runner.Abandon(taker.Source, cause);
        return cause as OperationCanceledException ?? new OperationCanceledException(cause.Message, cause);
    }

    private static void Delete(DownloadedAudio downloaded)
    {
        if (downloaded.Path is { } path)
            File.Delete(path);
    }

    /// <summary>The one scheduling of a pair's media request, and how many sinks have asked for it so far.</summary>
    private sealed class Scheduling(Func<Task> schedule)
    {
        public int Calls;

        public Lazy<Task> Scheduled { get; } = new(schedule);
    }
}
