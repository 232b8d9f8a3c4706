package io.nomadiis.iis.windows;

/** An AHADMIN {@code IAppHostElementCollection}. Every call may throw {@link AppHostException}. */
public interface AppHostCollection {
    /** The number of entries. */
    int count();

    /** The entry at the index. */
    AppHostElement item(int index);

    /** A new, detached element of the collection's add-element name ({@code CreateNewElement}). */
    AppHostElement createNew(String elementName);

    /** Adds a created element ({@code AddElement}); key and required attributes are checked here. */
    void add(AppHostElement element);

    /** Deletes the entry at the index ({@code DeleteElement}). */
    void delete(int index);
}
