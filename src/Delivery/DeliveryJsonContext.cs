using System.Text.Json.Serialization;

namespace Delivery;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(DeliveryManifest))]
[JsonSerializable(typeof(Dictionary<string, int>))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext;
