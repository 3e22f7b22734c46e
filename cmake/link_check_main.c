/* link_check_main: the main of the executables that link one layer's whole
 * library (CMakeLists.txt, "The link check"). It calls nothing: the linker's
 * job is to find every symbol the layer uses among the libraries it may use. */
int main(void)
{
    return 0;
}
