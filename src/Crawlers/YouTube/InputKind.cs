namespace Crawlers.YouTube;

public enum InputKind
{
    Query,
    Channel,
    Playlist,
    Video,
}
