package io.nomadiis.iis.windows;

import com.sun.jna.platform.win32.COM.util.IDispatch;
import com.sun.jna.platform.win32.COM.util.annotation.ComMethod;
import com.sun.jna.platform.win32.COM.util.annotation.ComObject;
import com.sun.jna.platform.win32.COM.util.annotation.ComProperty;

/**
 * The AHADMIN automation interfaces the Windows host uses, as JNA IDispatch proxies (late-bound by
 * name, as scripts use them). Raw bindings only: no logic. Numbers come back as VARIANT-derived Java
 * objects, hence the {@code Object} return types (see {@link ComValues}).
 */
public final class AhAdmin {
    /** The path every section is read from and committed to. */
    public static final String APPHOST = "MACHINE/WEBROOT/APPHOST";

    private AhAdmin() {}

    /** {@code Microsoft.ApplicationHost.WritableAdminManager}: configuration that is changed and committed. */
    @ComObject(progId = "Microsoft.ApplicationHost.WritableAdminManager")
    public interface WritableAdminManager extends IDispatch {
        @ComProperty(name = "CommitPath")
        void setCommitPath(String path);

        @ComMethod(name = "GetAdminSection")
        Element getAdminSection(String section, String path);

        @ComMethod(name = "CommitChanges")
        void commitChanges();
    }

    /** {@code Microsoft.ApplicationHost.AdminManager}: read-only configuration plus runtime state and methods. */
    @ComObject(progId = "Microsoft.ApplicationHost.AdminManager")
    public interface AdminManager extends IDispatch {
        @ComMethod(name = "GetAdminSection")
        Element getAdminSection(String section, String path);
    }

    /** {@code IAppHostElement}. */
    public interface Element extends IDispatch {
        @ComProperty(name = "Name")
        String getName();

        @ComProperty(name = "Collection")
        ElementCollection getCollection();

        @ComProperty(name = "ChildElements")
        ChildElements getChildElements();

        @ComProperty(name = "Methods")
        Methods getMethods();

        @ComMethod(name = "GetPropertyByName")
        Property getPropertyByName(String name);

        @ComMethod(name = "GetElementByName")
        Element getElementByName(String name);
    }

    /** {@code IAppHostChildElementCollection}. */
    public interface ChildElements extends IDispatch {
        @ComProperty(name = "Count")
        Object getCount();

        @ComProperty(name = "Item")
        Element getItem(Object nameOrIndex);
    }

    /** {@code IAppHostElementCollection}. */
    public interface ElementCollection extends IDispatch {
        @ComProperty(name = "Count")
        Object getCount();

        @ComProperty(name = "Item")
        Element getItem(Object index);

        @ComMethod(name = "CreateNewElement")
        Element createNewElement(String elementName);

        @ComMethod(name = "AddElement")
        void addElement(Element element);

        @ComMethod(name = "DeleteElement")
        void deleteElement(Object index);
    }

    /** {@code IAppHostProperty}. */
    public interface Property extends IDispatch {
        @ComProperty(name = "Value")
        Object getValue();

        @ComProperty(name = "Value")
        void setValue(Object value);
    }

    /** {@code IAppHostMethodCollection}. */
    public interface Methods extends IDispatch {
        @ComProperty(name = "Item")
        Method getItem(Object nameOrIndex);
    }

    /** {@code IAppHostMethod}. */
    public interface Method extends IDispatch {
        @ComMethod(name = "CreateInstance")
        MethodInstance createInstance();
    }

    /** {@code IAppHostMethodInstance}. */
    public interface MethodInstance extends IDispatch {
        @ComProperty(name = "Input")
        Element getInput();

        @ComMethod(name = "Execute")
        void execute();
    }
}
