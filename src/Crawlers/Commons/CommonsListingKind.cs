namespace Crawlers.Commons;

internal enum CommonsListingKind
{
    /// <summary>generator=categorymembers over the files of a category.</summary>
    CategoryFiles,

    /// <summary>list=categorymembers over the subcategories of a category.</summary>
    Subcategories,

    /// <summary>generator=search in the File namespace.</summary>
    Search,
}
