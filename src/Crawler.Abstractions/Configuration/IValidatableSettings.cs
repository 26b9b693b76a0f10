namespace Crawler.Abstractions.Configuration;

/// <summary>Settings that check their own values after binding; each string is one problem, in plain words.</summary>
public interface IValidatableSettings
{
    IEnumerable<string> Validate();
}
