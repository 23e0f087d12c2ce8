using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Reporting.Functions.Aggregate;
using Reporting.Pipeline.Delivery;
using Reporting.Pipeline.Reports;

namespace Reporting.Functions.Reports;

/// <summary>
/// The report timer. It only ticks, every 15 minutes: whether a report is due is decided by
/// <see cref="ReportSchedule"/> from the settings in China Standard Time (Linux Functions timers know only UTC), so
/// the function app and the local host follow the same schedule. A due report waits while its court tree's
/// aggregation is still running (Durable's client tells). Each tick then delivers what subscriptions ask for (when
/// Reporting:Smtp:Host is set); a send a stopped instance left half-way becomes "unconfirmed" after
/// <see cref="DeliverReports.SendTimeout"/> instead of being sent twice.
/// </summary>
public sealed class ReportFunctions(RenderDueReports reports, ConfiguredDelivery delivery, ILogger<ReportFunctions> log)
{
    public const string Name = "RenderDueReports";
    public const string Tick = "0 */15 * * * *";

    [Function(Name)]
    public async Task Run([TimerTrigger(Tick)] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            log.LogWarning("Report timer ran late; the 7-day look-back covers what was missed");
        }
        var result = await reports.RunAsync(new DurableAggregationScheduler(durable), cancellationToken).ConfigureAwait(false);
        foreach (var report in result.Rendered)
        {
            log.LogInformation("Rendered report {Court} {Period} → {Path} ({Bytes} bytes)", report.Court, report.Period, report.Path, report.Bytes);
        }
        foreach (var waiting in result.WithoutData)
        {
            log.LogWarning("Report due but no aggregates yet: {CourtAndPeriod}", waiting);
        }
        foreach (var waiting in result.Recounting)
        {
            log.LogInformation("Report due while its court tree is being recounted; rendered at a later tick: {CourtAndPeriod}", waiting);
        }
        if (delivery.Deliver is not { } deliver)
        {
            return;
        }
        (await deliver.RunAsync(cancellationToken).ConfigureAwait(false)).Log(log);
    }
}
