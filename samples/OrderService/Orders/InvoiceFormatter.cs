using System.Globalization;
using System.Text;

namespace OrderService.Orders;

/// <summary>Plain-text invoice, as attached to the confirmation e-mail.</summary>
public static class InvoiceFormatter
{
    public static string Format(Order order)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"INVOICE {order.Id:N}");
        text.AppendLine(culture, $"Date:     {order.PlacedAt:yyyy-MM-dd}");
        text.AppendLine(culture, $"Customer: {order.CustomerId}");
        text.AppendLine(culture, $"Ship to:  {order.ShipTo.Name}, {order.ShipTo.Street}, {order.ShipTo.PostalCode} {order.ShipTo.City}, {order.ShipTo.Country}");
        text.AppendLine();
        foreach (var line in order.Lines)
        {
            text.AppendLine(culture, $"{line.Sku,-12} {line.Quantity,5} x {line.UnitPrice,10:0.00} = {line.LineTotal,10:0.00}");
        }

        text.AppendLine();
        text.AppendLine(culture, $"{"Subtotal",-33} {order.Subtotal,10:0.00}");
        text.AppendLine(culture, $"{"Discount",-33} {-order.Discount,10:0.00}");
        text.AppendLine(culture, $"{"Shipping",-33} {order.ShippingCost,10:0.00}");
        text.AppendLine(culture, $"{"Total " + order.Currency,-33} {order.Total,10:0.00}");
        return text.ToString();
    }
}
