# Writes one shell's completion script by running the built peerlog:
# cmake -DPEERLOG=path -DSHELL_NAME=bash -DOUTPUT=file -P write_completion.cmake
execute_process(COMMAND ${PEERLOG} completion ${SHELL_NAME} OUTPUT_FILE ${OUTPUT}
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "peerlog completion ${SHELL_NAME} failed: ${result}")
endif()
