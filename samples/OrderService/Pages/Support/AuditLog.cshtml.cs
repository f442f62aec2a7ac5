using Microsoft.AspNetCore.Mvc.RazorPages;
using OrderService.Infrastructure;

namespace OrderService.Pages.Support;

/// <summary>The support desk's view of one day of the audit trail: who placed, cancelled, shipped or viewed what.</summary>
public sealed class AuditLogModel(AuditTrail audit, TimeProvider time) : PageModel
{
    public DateOnly Day { get; private set; }

    public IReadOnlyList<string> Entries { get; private set; } = [];

    public void OnGet(DateOnly? day)
    {
        Day = day ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Entries = audit.ReadEntries(Day);
    }
}
