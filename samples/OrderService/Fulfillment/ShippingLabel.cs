using System.Globalization;
using System.Text;
using OrderService.Orders;

namespace OrderService.Fulfillment;

/// <summary>A shipping label in ZPL, the language the warehouse's thermal printers speak.</summary>
public static class ShippingLabel
{
    /// <summary>The label at the printers' 300 dpi: 4 × 6 inches.</summary>
    private const int WidthDots = 1200;

    private const int HeightDots = 1800;

    private const int BytesPerRow = WidthDots / 8;

    /// <summary>A 4 × 4 ordered-dither matrix: spreads the dots of a shade so the print head heats evenly.</summary>
    private static readonly int[] Bayer = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5];

    public static string Render(Order order)
    {
        var culture = CultureInfo.InvariantCulture;
        var to = order.ShipTo;
        var zpl = new StringBuilder();
        zpl.AppendLine("^XA");
        zpl.AppendLine(culture, $"^FO0,0^GFA,{BytesPerRow * HeightDots},{BytesPerRow * HeightDots},{BytesPerRow},{SecurityBackground(order)}^FS");
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

    /// <summary>
    /// A light diagonal hatch behind the text, as a 1-bit graphic field, offset by the order id so a photocopied or
    /// swapped label shows: every dot of the label is dithered from its shade.
    /// </summary>
    private static string SecurityBackground(Order order)
    {
        var offset = order.Id.GetHashCode() & 63;
        var bits = new byte[BytesPerRow * HeightDots];
        for (var y = 0; y < HeightDots; y++)
        {
            for (var x = 0; x < WidthDots; x++)
            {
                var shade = ((x + y + offset) & 63) < 6 ? 3 : 0;
                if (shade > Bayer[((y & 3) * 4) + (x & 3)])
                {
                    bits[(y * BytesPerRow) + (x / 8)] |= (byte)(0x80 >> (x & 7));
                }
            }
        }

        return Convert.ToHexString(bits);
    }

    /// <summary>^ and ~ start ZPL commands; they must not appear inside a field.</summary>
    private static string Field(string value) => value.Replace('^', ' ').Replace('~', ' ');
}
