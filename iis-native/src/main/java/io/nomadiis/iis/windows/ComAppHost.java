package io.nomadiis.iis.windows;

import com.sun.jna.platform.win32.COM.COMException;
import com.sun.jna.platform.win32.COM.COMInvokeException;
import com.sun.jna.platform.win32.COM.util.ObjectFactory;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinNT;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The AHADMIN interfaces ({@link AppHostAdmin}, {@link AppHostElement}, {@link AppHostCollection}) over the
 * JNA IDispatch proxies of {@link AhAdmin}: one line per call, every {@link COMException} turned into an
 * {@link AppHostException} with the server's HRESULT and text. No logic. Runs only on the {@link ComCallThread}.
 */
final class ComAppHost implements AppHostAdmin {
    private final ObjectFactory factory;

    ComAppHost(ObjectFactory factory) {
        this.factory = factory;
    }

    /** The JNA object factory of this call (its proxies are released when the call ends). */
    ObjectFactory factory() {
        return factory;
    }

    @Override
    public AppHostElement section(String section) {
        return com(() -> new Element(
                factory.createObject(AhAdmin.AdminManager.class).getAdminSection(section, AhAdmin.APPHOST)));
    }

    @Override
    public Writable writable() {
        AhAdmin.WritableAdminManager manager = com(() -> factory.createObject(AhAdmin.WritableAdminManager.class));
        com(() -> {
            manager.setCommitPath(AhAdmin.APPHOST);
            return null;
        });
        return new Writable() {
            @Override
            public AppHostElement section(String section) {
                return com(() -> new Element(manager.getAdminSection(section, AhAdmin.APPHOST)));
            }

            @Override
            public void commit() {
                com(() -> {
                    manager.commitChanges();
                    return null;
                });
            }
        };
    }

    /** Runs one COM call, translating its failure. */
    static <T> T com(Supplier<T> call) {
        try {
            return call.get();
        } catch (COMException e) {
            throw translate(e);
        }
    }

    /** The HRESULT and text of a COM failure: the server's own code and description when it gave one. */
    static AppHostException translate(COMException com) {
        int hresult =
                com.getHresult() == null ? HResults.E_FAIL : com.getHresult().intValue();
        String text = null;
        if (com instanceof COMInvokeException invoke && invoke.getScode() != null && invoke.getScode() != 0) {
            hresult = invoke.getScode();
            text = invoke.getDescription();
        }
        if (text == null || text.isBlank()) {
            try {
                text = Kernel32Util.formatMessage(new WinNT.HRESULT(hresult));
            } catch (RuntimeException | LinkageError e) {
                text = com.getMessage();
            }
        }
        return new AppHostException(hresult, text, com);
    }

    private record Element(AhAdmin.Element element) implements AppHostElement {
        @Override
        public String name() {
            return com(element::getName);
        }

        @Override
        public Object get(String attribute) {
            return com(() -> element.getPropertyByName(attribute).getValue());
        }

        @Override
        public void set(String attribute, Object value) {
            com(() -> {
                element.getPropertyByName(attribute).setValue(value);
                return null;
            });
        }

        @Override
        public AppHostElement child(String name) {
            return com(() -> new Element(element.getElementByName(name)));
        }

        @Override
        public AppHostCollection collection() {
            return com(() -> new Collection(element.getCollection()));
        }

        @Override
        public void execute(String method, Map<String, Object> inputs) {
            com(() -> {
                AhAdmin.MethodInstance instance =
                        element.getMethods().getItem(method).createInstance();
                if (!inputs.isEmpty()) {
                    AhAdmin.Element input = instance.getInput();
                    inputs.forEach(
                            (name, value) -> input.getPropertyByName(name).setValue(value));
                }
                instance.execute();
                return null;
            });
        }
    }

    private record Collection(AhAdmin.ElementCollection collection) implements AppHostCollection {
        @Override
        public int count() {
            return com(() -> (int) ComValues.toLong(collection.getCount(), 0));
        }

        @Override
        public AppHostElement item(int index) {
            return com(() -> new Element(collection.getItem(index)));
        }

        @Override
        public AppHostElement createNew(String elementName) {
            return com(() -> new Element(collection.createNewElement(elementName)));
        }

        @Override
        public void add(AppHostElement element) {
            com(() -> {
                collection.addElement(((Element) element).element());
                return null;
            });
        }

        @Override
        public void delete(int index) {
            com(() -> {
                collection.deleteElement(index);
                return null;
            });
        }
    }
}
