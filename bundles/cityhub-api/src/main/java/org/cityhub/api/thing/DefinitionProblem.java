package org.cityhub.api.thing;

/**
 * Why a thing file, or one thing in it, could not be used.
 *
 * @param file the file's name in the things folder
 * @param line the line of the error, 1-based; 0 if unknown
 * @param column the column of the error, 1-based; 0 if unknown
 * @param message what is wrong
 */
public record DefinitionProblem(String file, int line, int column, String message) {
}
