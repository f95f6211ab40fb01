package cn.yzz.kiosk.installer.cli;

import picocli.CommandLine;

/** Builds command objects, handing {@link Env} to those whose constructor takes one. */
final class EnvFactory implements CommandLine.IFactory {

    private final Env env;

    EnvFactory(Env env) {
        this.env = env;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        try {
            return cls.getDeclaredConstructor(Env.class).newInstance(env);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
