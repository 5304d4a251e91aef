package dev.wharf.cli;
public class Main { public static void main(String[] a){} }
