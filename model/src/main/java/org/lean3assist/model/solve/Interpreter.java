package org.lean3assist.model.solve;

/**
 * Runs a model-written program for a solution and says what it printed. This module runs no code: the caller gives
 * an interpreter that confines it, or one that runs nothing and says why.
 */
@FunctionalInterface
public interface Interpreter {

    /**
     * What running a program gave.
     *
     * @param ran    whether it ran at all
     * @param ok     whether it ran to a normal end (exit status 0, within its limits)
     * @param output what it printed, its traceback included; when it did not run, why
     */
    record Output(boolean ran, boolean ok, String output) {

        public static Output notRun(String why) {
            return new Output(false, false, why);
        }
    }

    Output run(String program);

    /** One that runs nothing, for where programs may not run. */
    static Interpreter none(String why) {
        return program -> Output.notRun(why);
    }
}
