using System.Globalization;
using System.Text;
using OrderService.Orders;

namespace OrderService.Fulfillment;

/// <summary>A shipping label in ZPL, the language the warehouse's thermal printers speak.</summary>
public static class ShippingLabel
{
    public static string Render(Order order)
    {
        var culture = CultureInfo.InvariantCulture;
        var to = order.ShipTo;
        var zpl = new StringBuilder();
        zpl.AppendLine("^XA");
        zpl.AppendLine("^CF0,36");
        zpl.AppendLine(culture, $"^FO40,40^FD{Field(to.Name)}^FS");
        zpl.AppendLine(culture, $"^FO40,90^FD{Field(to.Street)}^FS");
        zpl.AppendLine(culture, $"^FO40,140^FD{Field(to.PostalCode)} {Field(to.City)}^FS");
        zpl.AppendLine(culture, $"^FO40,190^FD{Field(to.Country)}^FS");
        zpl.AppendLine("^CF0,24");
        zpl.AppendLine(culture, $"^FO40,260^FD{order.Lines.Sum(line => line.Quantity)} item(s), order placed {order.PlacedAt:yyyy-MM-dd}^FS");
        zpl.AppendLine(culture, $"^FO40,320^BY2^BCN,120,Y,N,N^FD{order.Id:N}^FS");
        zpl.AppendLine("^XZ");
        return zpl.ToString();
    }

    /// <summary>^ and ~ start ZPL commands; they must not appear inside a field.</summary>
    private static string Field(string value) => value.Replace('^', ' ').Replace('~', ' ');
}
