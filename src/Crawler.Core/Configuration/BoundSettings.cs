using Crawler.Abstractions.Configuration;

namespace Crawler.Core.Configuration;

/// <summary>A spider's settings and the engine's, after every layer was applied and validated.</summary>
public sealed record BoundSettings(EngineSettings Engine, object Spider);
